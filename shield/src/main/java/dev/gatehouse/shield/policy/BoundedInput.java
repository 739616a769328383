package dev.gatehouse.shield.policy;

/**
 * Text handed to a policy regex that stops the match after a fixed number of character reads: a
 * user's regex on hostile input (catastrophic backtracking) cannot hold a call for long. Reading
 * past the budget throws {@link PolicyTimeoutException}, and the call is refused.
 */
final class BoundedInput implements CharSequence {
  static final long BUDGET = 2_000_000;

  private final CharSequence text;
  private final long[] reads;

  BoundedInput(CharSequence text) {
    this(text, new long[] {0});
  }

  private BoundedInput(CharSequence text, long[] reads) {
    this.text = text;
    this.reads = reads;
  }

  @Override
  public char charAt(int index) {
    if (++reads[0] > BUDGET) {
      throw new PolicyTimeoutException();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BoundedInput(text.subSequence(start, end), reads);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
