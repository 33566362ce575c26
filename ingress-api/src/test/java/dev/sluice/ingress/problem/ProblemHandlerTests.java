package dev.sluice.ingress.problem;

import java.util.List;

import dev.sluice.catalog.FieldError;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemHandlerTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
		.setControllerAdvice(new ProblemHandler())
		.build();

	@Test
	void apiProblemBecomesProblemJsonWithTypeTitleStatusAndDetail() throws Exception {
		this.mvc.perform(get("/gone"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:sluice:problem:query-not-found"))
			.andExpect(jsonPath("$.title").value("Query not found"))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.detail").value("No query q_1 is known"))
			.andExpect(jsonPath("$.errors").doesNotExist());
	}

	@Test
	void fieldErrorsAreListedUnderErrors() throws Exception {
		this.mvc.perform(get("/invalid"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("params.limit"))
			.andExpect(jsonPath("$.errors[0].message").value("must be at most 500"));
	}

	@Test
	void problemHeadersAreSent() throws Exception {
		this.mvc.perform(get("/unavailable"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"));
	}

	@Test
	void unexpectedErrorsHideTheirInternals() throws Exception {
		this.mvc.perform(get("/bug"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:sluice:problem:internal-error"))
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
	}

	@Test
	void springErrorsBecomeProblemJsonToo() throws Exception {
		this.mvc.perform(post("/json").contentType(MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:sluice:problem:unsupported-media-type"))
			.andExpect(jsonPath("$.status").value(415));
		this.mvc.perform(post("/gone"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.type").value("urn:sluice:problem:method-not-allowed"));
	}

	@RestController
	static class Failing {

		@GetMapping("/gone")
		void gone() {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "query-not-found", "Query not found", "No query q_1 is known");
		}

		@GetMapping("/invalid")
		void invalid() {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-submission", "Invalid submission", "1 field",
					List.of(new FieldError("params.limit", "must be at most 500")), null);
		}

		@GetMapping("/unavailable")
		void unavailable() {
			throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", "Queue unavailable", "down") {
				@Override
				public HttpHeaders headers() {
					HttpHeaders headers = new HttpHeaders();
					headers.set(HttpHeaders.RETRY_AFTER, "5");
					return headers;
				}
			};
		}

		@GetMapping("/bug")
		void bug() {
			throw new IllegalStateException("secret internals");
		}

		@PostMapping(path = "/json", consumes = MediaType.APPLICATION_JSON_VALUE)
		void json() {
		}

	}

}
