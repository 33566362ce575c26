package dev.sluice.ingress.problem;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Makes {@link ContainerProblemValve} the embedded Tomcat host's error report valve, so
 * that every error the ingress answers, its own or the container's, is
 * {@code application/problem+json}.
 */
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		// Context customizers run once the context is a child of the host, before the
		// host starts and installs its error report valve.
		factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ContainerProblemValve.class.getName());
			}
		});
	}

}
