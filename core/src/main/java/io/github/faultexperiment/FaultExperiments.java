package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Container of repeated {@link FaultExperiment} annotations; written by the compiler, rarely by
 * hand. All experiments are injected before the body and all are stopped after it.
 */
@API(status = STABLE, since = "0.1")
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FaultExperimentExtension.class)
@Tag("chaos")
@ResourceLock(providers = OverlapLocks.class)
public @interface FaultExperiments {
  /** The repeated annotations, in declaration order. */
  FaultExperiment[] value();
}
