package dev.sluice.ingress.problem;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Renders the errors Tomcat answers itself, before a request reaches Spring (a path with
 * an encoded NUL or {@code ../}, a malformed request line), as
 * {@code application/problem+json} instead of Tomcat's HTML page. Installed as the host's
 * error report valve by {@link ContainerProblems}; errors Spring answers never get here,
 * as their response is already written.
 */
public class ContainerProblemValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger logger = LoggerFactory.getLogger(ContainerProblemValve.class);

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		// As Tomcat's own report: errors only, once, and never over a written body.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		// The container's words are for this log: they may quote the request.
		logger.debug("The container answered {} before the request reached the API: {}", status, response.getMessage(),
				throwable);
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "HTTP error";
		try {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", ApiProblem.typeOf(status));
			problem.put("title", title);
			problem.put("status", status);
			problem.put("detail", detail(status));
			String body = JSON.writeValueAsString(problem);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response was committed meanwhile: nothing
			// more can be said to this client.
		}
	}

	/**
	 * @param status the status the container answers
	 * @return what the client sent wrong, in the words of this API, the same for every
	 * request answered with {@code status}; never the container's message
	 */
	static String detail(int status) {
		if (status == HttpStatus.BAD_REQUEST.value()) {
			return "The request could not be read: its path, request line or headers are malformed. "
					+ "Percent-encode the path as RFC 3986 says; ids are plain ASCII.";
		}
		return "The server refused the request before reading it.";
	}

}
