package dev.sluice.ingress.console;

import java.time.Clock;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data behind the console page ({@code /}, {@code static/index.html}), which polls it
 * every second.
 */
@RestController
class ConsoleController {

	private final FleetActivity activity;

	private final Clock clock;

	ConsoleController(FleetActivity activity, Clock clock) {
		this.activity = activity;
		this.clock = clock;
	}

	@GetMapping("/v1/console/series")
	ResponseEntity<ConsoleSeries> series() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(this.activity.series(this.clock.instant()));
	}

}
