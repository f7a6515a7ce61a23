package io.github.faultexperiment;

/** The fault-injection service an experiment runs on. */
public enum Provider {
  /** AWS Fault Injection Service. */
  AWS,
  /** Google Cloud Fault Injection Testing ({@code faulttesting.googleapis.com} v1alpha). */
  GCP
}
