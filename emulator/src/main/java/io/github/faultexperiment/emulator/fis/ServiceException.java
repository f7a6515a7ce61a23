package io.github.faultexperiment.emulator.fis;

/**
 * An AWS error answer: the HTTP status, the error code ({@code x-amzn-ErrorType} / {@code __type})
 * and a message that names the input at fault.
 */
final class ServiceException extends RuntimeException {
  private final int status;
  private final String code;

  ServiceException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ServiceException validation(String message) {
    return new ServiceException(400, "ValidationException", message);
  }

  static ServiceException missingMember(String member) {
    return validation(
        "1 validation error detected: Value null at '"
            + member
            + "' failed to satisfy constraint: Member must not be null");
  }

  /** AWS's wording for a value that breaks a model constraint (length, enum, range). */
  static ServiceException constraint(String value, String member, String constraint) {
    return validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }

  static ServiceException notFound(String message) {
    return new ServiceException(404, "ResourceNotFoundException", message);
  }

  static ServiceException conflict(String message) {
    return new ServiceException(409, "ConflictException", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
