package dev.sluice.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.bench.load.ErrorKind;
import dev.sluice.bench.load.Recorder;
import dev.sluice.bench.sample.Sample;
import org.jspecify.annotations.Nullable;

/** One target's run second by second: what users saw joined with what samplers read. */
final class Timeline {

	private Timeline() {
	}

	static List<Row> rows(TargetRun run) {
		Map<Long, Sample> samples = new TreeMap<>();
		run.samples().forEach((sample) -> samples.put(sample.second(), sample));
		long last = Math.max(run.seconds().isEmpty() ? -1 : run.seconds().lastKey(),
				samples.isEmpty() ? -1 : ((TreeMap<Long, Sample>) samples).lastKey());
		List<Row> rows = new ArrayList<>();
		for (long second = 0; second <= last; second++) {
			rows.add(new Row(second, run.seconds().get(second), samples.get(second)));
		}
		return rows;
	}

	static String csvHeader() {
		StringBuilder header = new StringBuilder("second,started,completed");
		for (ErrorKind kind : ErrorKind.values()) {
			header.append(",errors_").append(kind.name().toLowerCase(java.util.Locale.ROOT));
		}
		return header
			.append(",p50_ms,p95_ms,p99_ms,db_connections,db_active,workers_active,db_qps,db_xacts,queue_depth")
			.toString();
	}

	/**
	 * @param second seconds since the start
	 * @param users what users saw in it, or {@code null}
	 * @param sample what the samplers read, or {@code null}
	 */
	record Row(long second, Recorder.@Nullable SecondView users, @Nullable Sample sample) {

		String csv() {
			StringBuilder line = new StringBuilder().append(this.second);
			if (this.users != null) {
				line.append(',').append(this.users.started()).append(',').append(this.users.completed());
				for (ErrorKind kind : ErrorKind.values()) {
					line.append(',').append(this.users.errors().get(kind));
				}
				boolean any = this.users.completed() > 0;
				line.append(',').append(any ? this.users.p50() : "").append(',').append(any ? this.users.p95() : "");
				line.append(',').append(any ? this.users.p99() : "");
			}
			else {
				line.append(",0,0").append(",0".repeat(ErrorKind.values().length)).append(",,,");
			}
			if (this.sample != null) {
				line.append(',').append(this.sample.dbConnections()).append(',').append(this.sample.dbActive());
				line.append(',').append(this.sample.workersActive());
				line.append(',')
					.append(Double.isFinite(this.sample.dbQps())
							? String.format(java.util.Locale.ROOT, "%.1f", this.sample.dbQps()) : "");
				line.append(',').append(String.format(java.util.Locale.ROOT, "%.1f", this.sample.dbXacts()));
				line.append(',').append(this.sample.queueDepth() >= 0 ? Long.toString(this.sample.queueDepth()) : "");
			}
			else {
				line.append(",,,,,,");
			}
			return line.toString();
		}

	}

}
