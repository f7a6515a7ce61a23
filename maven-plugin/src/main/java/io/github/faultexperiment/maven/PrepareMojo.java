package io.github.faultexperiment.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Gives this build an identity before any test runs: sets the user property {@code
 * faultexperiment.summary.run-id} (unless it is set already), which Surefire and Failsafe pass to
 * every test JVM, so the run summary they write names this build and the {@code verify} goal can
 * tell it from a summary an earlier build left in {@code target/}.
 */
@Mojo(name = "prepare", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareMojo extends AbstractMojo {
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  /** Created by Maven. */
  public PrepareMojo() {}

  @Override
  public void execute() {
    String id =
        BuildIdentity.ensure(session.getUserProperties(), session.getRequest().getStartTime());
    getLog().debug("Run summaries of this build carry runId '" + BuildIdentity.runId(id) + "'");
  }
}
