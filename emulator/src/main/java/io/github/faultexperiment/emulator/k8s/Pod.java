package io.github.faultexperiment.emulator.k8s;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A pod of the emulated cluster ({@value #CLUSTER}), which Chaos Mesh experiments select by
 * namespace, name and labels. Pods come from local targets registered as {@code
 * k8s:pod/NAMESPACE/NAME} (their tags are the labels) and from {@link
 * ChaosMeshEmulator#addPod(Pod)}, for pods no traffic goes through.
 *
 * @param namespace the namespace, a DNS label such as {@code default}
 * @param name the pod's name, a DNS subdomain such as {@code web-1}
 * @param labels the pod's labels, matched by {@code labelSelectors} and {@code expressionSelectors}
 * @param containers the names of its containers, first one first ({@code container-kill} and the
 *     container kinds pick the first when {@code containerNames} is empty)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Pod(
    String namespace, String name, Map<String, String> labels, List<String> containers) {
  /** The one cluster the emulator serves. */
  public static final String CLUSTER = "emulator";

  /** The container a pod has when none is named. */
  public static final String DEFAULT_CONTAINER = "main";

  /** The prefix of a local target's identity that stands for a pod. */
  public static final String IDENTITY_PREFIX = "k8s:pod/";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  /** Checks the names, copies the labels and gives a pod without containers one named "main". */
  public Pod {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (!DNS_LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace must be a DNS label (lower-case letters, digits and '-'), was '"
              + namespace
              + "'");
    }
    if (!DNS_SUBDOMAIN.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "pod name must be a DNS subdomain (lower-case letters, digits, '-' and '.'), was '"
              + name
              + "'");
    }
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    containers =
        containers == null || containers.isEmpty()
            ? List.of(DEFAULT_CONTAINER)
            : List.copyOf(containers);
  }

  /** A pod with these labels and one container, {@value #DEFAULT_CONTAINER}. */
  public static Pod of(String namespace, String name, Map<String, String> labels) {
    return new Pod(namespace, name, labels, List.of());
  }

  /** {@code namespace/name}: a pod record's id. */
  public String id() {
    return namespace + "/" + name;
  }

  /** The identity of the local target standing for it: {@code k8s:pod/NAMESPACE/NAME}. */
  public String identity() {
    return IDENTITY_PREFIX + namespace + "/" + name;
  }
}
