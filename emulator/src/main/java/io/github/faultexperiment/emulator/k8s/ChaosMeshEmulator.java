package io.github.faultexperiment.emulator.k8s;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ActionListener;
import io.github.faultexperiment.emulator.common.EmulatorSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The emulated Kubernetes cluster {@value Pod#CLUSTER} with Chaos Mesh v2.8 installed: the
 * Kubernetes API subset a Chaos Mesh client uses, and a controller that moves each experiment's
 * records as Chaos Mesh's does.
 *
 * <p>Clients reach it at the emulator's endpoint ({@code /version}, {@code /api…}, {@code
 * /apis/chaos-mesh.org/v1alpha1/…}) with {@code Authorization: Bearer <the emulator's secret access
 * key>}; tests drive it through this class or over HTTP under {@code /_emulator/chaos-mesh/…}. The
 * pods experiments select are the local targets registered as {@code k8s:pod/NAMESPACE/NAME} (tags
 * are labels) and the pods added with {@link #addPod(Pod)}. See {@code
 * docs/emulator-chaos-mesh.md}.
 *
 * <pre>{@code
 * ChaosMeshEmulator chaosMesh = emulator.chaosMesh();
 * chaosMesh.timings(ChaosMeshTimings.of(Duration.ofMillis(10)));
 * chaosMesh.failRecovery("default", "web-delay", "chaos-daemon unreachable");
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ChaosMeshEmulator {
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "chaos-mesh-controller");
            thread.setDaemon(true);
            return thread;
          });
  private final Storage storage = new Storage();
  private final ActionEvents events = new ActionEvents();
  private final List<Pod> addedPods = new CopyOnWriteArrayList<>();
  private final Supplier<List<Pod>> targetPods;
  private final ChaosController controller;
  private final KubernetesApi api;
  private final ControlApi controls;

  /**
   * Creates the cluster.
   *
   * @param settings the emulator's settings: {@link EmulatorSettings#secretAccessKey()} is the only
   *     bearer token accepted
   * @param targetPods the pods that local targets stand for, read at each selection and listing
   */
  public ChaosMeshEmulator(EmulatorSettings settings, Supplier<List<Pod>> targetPods) {
    this.targetPods = Objects.requireNonNull(targetPods, "targetPods");
    this.controller = new ChaosController(storage, scheduler, this::pods, events);
    this.api = new KubernetesApi(storage, controller, this::pods, settings::secretAccessKey);
    this.controls = new ControlApi(this);
  }

  /** Whether a request path belongs to the Kubernetes API or these controls. */
  public static boolean serves(String path) {
    return KubernetesApi.serves(path) || path.startsWith(ControlApi.PREFIX);
  }

  /**
   * Answers one Kubernetes API or {@code /_emulator/chaos-mesh/…} request.
   *
   * @param exchange the request
   * @throws IOException when the response cannot be written
   */
  public void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getRawPath().startsWith(ControlApi.PREFIX)) {
      controls.handle(exchange);
    } else {
      api.handle(exchange);
    }
  }

  /**
   * Every pod of the cluster: those local targets stand for, then those added with {@link
   * #addPod(Pod)}; a name registered both ways counts once, as the local target.
   */
  public List<Pod> pods() {
    List<Pod> all = new ArrayList<>(targetPods.get());
    for (Pod pod : addedPods) {
      if (all.stream().noneMatch(p -> p.id().equals(pod.id()))) {
        all.add(pod);
      }
    }
    return all;
  }

  /**
   * Adds a pod no traffic goes through: experiments select it and move its records, and its faults
   * reach no local target ({@code UNREACHED}). Replaces a pod added before under the same name.
   */
  public void addPod(Pod pod) {
    Objects.requireNonNull(pod, "pod");
    addedPods.removeIf(p -> p.id().equals(pod.id()));
    addedPods.add(pod);
  }

  /**
   * Removes a pod added with {@link #addPod(Pod)}.
   *
   * @return whether one was there
   */
  public boolean removePod(String namespace, String name) {
    return addedPods.removeIf(p -> p.namespace().equals(namespace) && p.name().equals(name));
  }

  /** The controller's current timings. */
  public ChaosMeshTimings timings() {
    return controller.timings();
  }

  /** Sets the controller's timings for the steps scheduled from now on. */
  public void timings(ChaosMeshTimings timings) {
    controller.timings(timings);
  }

  /**
   * Makes applying the records of the chaos object {@code namespace/name} (existing or created
   * later) fail with {@code message} until {@link #clearFailures} or {@link #reset()}: each record
   * stays {@code Not Injected} and gains a {@code Failed}/{@code Apply} event, the object a {@code
   * Failed} event "Failed to apply chaos: MESSAGE", and the controller retries with growing waits.
   */
  public void failInjection(String namespace, String name, String message) {
    controller.failInjection(
        Objects.requireNonNull(namespace, "namespace"),
        Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(message, "message"));
  }

  /**
   * Makes recovering the records of the chaos object {@code namespace/name} fail with {@code
   * message} until {@link #clearFailures} or {@link #reset()}: records stay injected (their fault
   * on), each gains a {@code Failed}/{@code Recover} event, and a deleted object keeps its {@code
   * chaos-mesh/records} finalizer — the stuck deletion of chaos-mesh issues #2521 and #4311.
   */
  public void failRecovery(String namespace, String name, String message) {
    controller.failRecovery(
        Objects.requireNonNull(namespace, "namespace"),
        Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(message, "message"));
  }

  /**
   * Lets injection and recovery of {@code namespace/name} succeed again, and retries them at once;
   * {@code name} null clears every failure.
   */
  public void clearFailures(String namespace, String name) {
    controller.clearFailures(namespace, name);
  }

  /**
   * Makes the API refuse every chaos-object create (dry runs too) until {@link #allowCreates()} or
   * {@link #reset()}, as RBAC refuses a user or service account without the {@code create} verb on
   * {@code chaos-mesh.org}: {@code 403 Forbidden}, "podchaos.chaos-mesh.org is forbidden: User
   * "USER" cannot create resource "podchaos" in API group "chaos-mesh.org" in the namespace "NS"".
   * Reads, patches and deletes are still allowed.
   *
   * @param user the user named in the refusal, e.g. {@code
   *     system:serviceaccount:default:chaos-tests}
   */
  public void refuseCreates(String user) {
    api.refuseCreates(Objects.requireNonNull(user, "user"));
  }

  /** Lets chaos-object creates through again. */
  public void allowCreates() {
    api.refuseCreates(null);
  }

  /** Every chaos object of every kind and namespace, as a list would return them. */
  public List<JsonNode> objects() {
    return new ArrayList<>(storage.list(null, null, object -> true));
  }

  /** Calls {@code listener} when a record's fault is switched on ({@code Injected}) and off. */
  public void addActionListener(ActionListener listener) {
    events.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops calling {@code listener}. */
  public void removeActionListener(ActionListener listener) {
    events.remove(listener);
  }

  /**
   * Forgets every chaos object, event, added pod, failure, create refusal and timing change;
   * listeners are told that every record still injected ended.
   */
  public void reset() {
    allowCreates();
    controller.reset();
    storage.clear();
    addedPods.clear();
  }

  /** Ends the controller's scheduler. */
  public void close() {
    scheduler.shutdownNow();
  }
}
