package io.github.faultexperiment.emulator.gcp;

/**
 * The documented {@code force} rule shared by {@code experiments.delete} and {@code
 * validations.delete}: {@code force=true} also deletes the child records (affected resources,
 * validation resources); without it the delete only works when there are none.
 */
final class ForcedDelete {
  private ForcedDelete() {}

  /**
   * Refuses the delete of {@code name} when it still has {@code children} records of {@code
   * childKind} (e.g. "affected resources") and {@code force} is not set.
   */
  static void check(String name, int children, boolean force, String childKind) {
    if (children > 0 && !force) {
      throw ApiException.failedPrecondition(
          "HAS_CHILD_RESOURCES",
          "'"
              + name
              + "' has "
              + children
              + " "
              + childKind
              + "; pass force=true to delete them with it (the API reference says to always set"
              + " force=true).",
          name);
    }
  }
}
