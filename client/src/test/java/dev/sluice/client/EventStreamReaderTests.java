package dev.sluice.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamReaderTests {

	private static List<EventStreamReader.Event> read(String stream) throws IOException {
		List<EventStreamReader.Event> events = new ArrayList<>();
		try (EventStreamReader reader = new EventStreamReader(
				new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))) {
			EventStreamReader.Event event;
			while ((event = reader.next()) != null) {
				events.add(event);
			}
		}
		return events;
	}

	@Test
	void readsTheFieldsSpringWrites() throws IOException {
		assertThat(read("event:QUEUED\nid:QUEUED\ndata:{\"state\":\"QUEUED\"}\n\n"))
			.containsExactly(new EventStreamReader.Event("QUEUED", "QUEUED", "{\"state\":\"QUEUED\"}"));
	}

	@Test
	void joinsDataLinesAndSkipsCommentsWhateverTheLineEnds() throws IOException {
		assertThat(read("\uFEFF: keep-alive\r\nevent: RUNNING\r\ndata: {\"a\":\r\ndata:1}\r\n\r\n:\n\n"))
			.containsExactly(new EventStreamReader.Event("RUNNING", null, "{\"a\":\n1}"));
	}

	@Test
	void eventCutShortByTheEndIsDropped() throws IOException {
		assertThat(read("event:QUEUED\ndata:{}\n\nevent:RUNNING\ndata:{\"cut\""))
			.extracting(EventStreamReader.Event::name)
			.containsExactly("QUEUED");
	}

}
