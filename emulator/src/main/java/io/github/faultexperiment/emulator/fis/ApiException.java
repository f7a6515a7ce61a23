package io.github.faultexperiment.emulator.fis;

/**
 * An AWS error answer: the HTTP status, the error code ({@code x-amzn-ErrorType} / {@code __type})
 * and a message that names the input at fault.
 */
final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ApiException validation(String message) {
    return new ApiException(400, "ValidationException", message);
  }

  static ApiException missingMember(String member) {
    return validation(
        "1 validation error detected: Value null at '"
            + member
            + "' failed to satisfy constraint: Member must not be null");
  }

  /** AWS's wording for a value that breaks a model constraint (length, enum, range). */
  static ApiException constraint(String value, String member, String constraint) {
    return validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "ResourceNotFoundException", message);
  }

  static ApiException conflict(String message) {
    return new ApiException(409, "ConflictException", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
