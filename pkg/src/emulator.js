// PLACEHOLDER: the local Cloudflare DNS API emulator is being written.
export function createEmulatorFactory() {
  return function createEmulator() {
    throw new Error('not yet');
  };
}
