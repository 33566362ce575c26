package dev.sluice.ingress.queue;

/**
 * One measurement of the worker fleet's backlog, and of the work it has done.
 *
 * @param depth records of {@code sluice.queries} not yet committed by the worker group
 * @param lagSeconds age of the oldest of them, {@code 0} when there are none
 * @param consumingWorkers members of the worker group that hold partitions
 * @param ran queries the fleet has run to their end so far, counted from their terminal
 * statuses ({@link QueueEstimates#countRan()}); its advance over time is the drain rate
 */
record QueueBacklog(long depth, double lagSeconds, int consumingWorkers, long ran) {
}
