// The resend SDK loads @react-email/render only for `react:` payloads, which we never send; this
// stands in for it so the bundle has no dangling import.
export function render(): never {
  throw new Error('React email rendering is not used by Followthrough.')
}
