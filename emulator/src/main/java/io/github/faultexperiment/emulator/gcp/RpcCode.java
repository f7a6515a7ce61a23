package io.github.faultexperiment.emulator.gcp;

/** The google.rpc.Code values the emulator answers with, and their HTTP mapping. */
enum RpcCode {
  INVALID_ARGUMENT(3, 400),
  NOT_FOUND(5, 404),
  ALREADY_EXISTS(6, 409),
  PERMISSION_DENIED(7, 403),
  RESOURCE_EXHAUSTED(8, 429),
  FAILED_PRECONDITION(9, 400),
  INTERNAL(13, 500),
  UNAVAILABLE(14, 503),
  UNAUTHENTICATED(16, 401);

  final int number;
  final int httpStatus;

  RpcCode(int number, int httpStatus) {
    this.number = number;
    this.httpStatus = httpStatus;
  }
}
