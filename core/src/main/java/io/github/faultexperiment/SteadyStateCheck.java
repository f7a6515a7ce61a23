package io.github.faultexperiment;

import org.junit.jupiter.api.function.Executable;

/**
 * One steady-state check: returns normally while the system is healthy, throws when it is not. Not
 * public API.
 *
 * @param name what the check is called in reports and messages (the method's name)
 * @param check the check itself
 */
record SteadyStateCheck(String name, Executable check) {}
