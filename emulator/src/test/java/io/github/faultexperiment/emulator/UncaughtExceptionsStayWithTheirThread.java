package io.github.faultexperiment.emulator;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Awaitility fails a wait when any thread of the JVM dies with an uncaught exception. With test
 * classes running side by side, that would fail one class's wait for a thread another class closed
 * under it — so this suite's waits judge only their own conditions.
 */
public final class UncaughtExceptionsStayWithTheirThread implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    Awaitility.doNotCatchUncaughtExceptionsByDefault();
  }
}
