package dev.sluice.bench.cpu;

/**
 * The CPU one watched process spent over a measured window.
 *
 * @param name its name in reports
 * @param role what it does
 * @param millis CPU time, user and system, in ms; NaN if it could not be measured (the
 * process exited or restarted within the window)
 */
public record ProcessCpu(String name, Role role, double millis) {
}
