package io.github.faultexperiment.emulator.local;

import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps SLF4J from printing its "no providers" warning into every test run of a project that has no
 * SLF4J provider, when our dependencies are what first asks it for a logger — the AWS SDK, and the
 * Apache HTTP client and PDFBox through commons-logging, which prefers SLF4J when it is on the
 * classpath. SLF4J is then told to use its own no-op provider, silently — which is what it would do
 * anyway, after the warning. A project with a provider (Logback, slf4j-simple, slf4j-jdk14, …), a
 * 1.7-style binding, or its own {@code slf4j.provider} setting is left alone, so it gets neither
 * this nor a "multiple providers" warning.
 *
 * <p>The AWS provider's {@code SdkLogging} does the same for the SDK in cloud mode, where the
 * emulator (an optional dependency) may be absent; whichever runs first settles SLF4J for both.
 */
final class QuietSlf4j {
  static final String PROVIDER_PROPERTY = "slf4j.provider";
  static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";
  private static final String NOP = "org.slf4j.helpers.NOP_FallbackServiceProvider";
  private static final String LEGACY_BINDING = "org.slf4j.impl.StaticLoggerBinder";

  private QuietSlf4j() {}

  /** Settles SLF4J before the first of our dependencies asks it for a logger. Idempotent. */
  private static boolean settled;

  static synchronized void settle() {
    // Every emulator makes local targets: the classpath scan is needed once per JVM.
    if (settled) {
      return;
    }
    settled = true;
    // Where SLF4J itself looks for providers.
    ClassLoader loader = LoggerFactory.class.getClassLoader();
    if (System.getProperty(PROVIDER_PROPERTY) != null || hasProvider(loader)) {
      return;
    }
    // slf4j.provider is read once, when SLF4J initialises; its "Attempting to load provider" note
    // is at INFO, so the verbosity is raised for that moment only unless the user set it.
    boolean ownVerbosity = System.getProperty(VERBOSITY_PROPERTY) == null;
    System.setProperty(PROVIDER_PROPERTY, NOP);
    if (ownVerbosity) {
      System.setProperty(VERBOSITY_PROPERTY, "WARN");
    }
    try {
      LoggerFactory.getILoggerFactory();
    } finally {
      System.clearProperty(PROVIDER_PROPERTY);
      if (ownVerbosity) {
        System.clearProperty(VERBOSITY_PROPERTY);
      }
    }
  }

  private static boolean hasProvider(ClassLoader loader) {
    if (ServiceLoader.load(SLF4JServiceProvider.class, loader).findFirst().isPresent()) {
      return true;
    }
    try {
      Class.forName(LEGACY_BINDING, false, loader);
      return true;
    } catch (ClassNotFoundException none) {
      return false;
    }
  }
}
