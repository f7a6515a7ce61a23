/**
 * The Chaos Mesh provider of fault-experiment-junit: Chaos Mesh experiments on Kubernetes, created
 * from one manifest per template through fabric8's generic custom-resource client. Users meet only
 * {@link io.github.faultexperiment.chaosmesh.ChaosMeshProperties}.
 */
package io.github.faultexperiment.chaosmesh;
