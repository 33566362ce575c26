package dev.sluice.ingress.problem;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error as {@code application/problem+json}: Sluice's own
 * {@link ApiProblem}s, Spring MVC's standard exceptions (404 for unknown routes, 405,
 * 406, 415, ...) and, as 500 without internals, anything unexpected.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
		return ResponseEntity.status(problem.status())
			.headers(problem.headers())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.toProblemDetail());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		logger.error("Unexpected error while answering a request", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The ingress failed unexpectedly; the error is logged. Retry, and report it if it persists.");
		problem.setType(URI.create(ApiProblem.TYPE_PREFIX + "internal-error"));
		problem.setTitle("Internal error");
		return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			problem.setType(URI.create(ApiProblem.typeOf(statusCode.value())));
			HttpHeaders problemHeaders = new HttpHeaders();
			problemHeaders.putAll(response.getHeaders());
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return new ResponseEntity<>(problem, problemHeaders, response.getStatusCode());
		}
		return response;
	}

}
