package dev.vivace.testing.sts;

/** Thrown inside the emulator to answer with an STS error. */
final class Rejection extends Exception {

  private final StsError error;

  Rejection(StsError error) {
    super(error.code(), null, false, false);
    this.error = error;
  }

  StsError error() {
    return error;
  }
}
