/**
 * AssertJ assertions on experiments ({@link io.github.faultexperiment.assertj.FaultAssertions}):
 * only for tests that have AssertJ on their classpath, which this library never forces on anyone.
 */
package io.github.faultexperiment.assertj;
