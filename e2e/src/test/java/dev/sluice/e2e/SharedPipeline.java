package dev.sluice.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands one {@link Pipeline} to every test method that takes one, whichever test class it
 * is in: the first such test starts it, and it stops when the test run ends.
 */
final class SharedPipeline implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Pipeline.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Pipeline.class;
	}

	@Override
	public Pipeline resolveParameter(ParameterContext parameter, ExtensionContext context) {
		// The root store outlives every test class and closes what it holds at the end
		// of the run.
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Pipeline.class, (key) -> Pipeline.start(), Pipeline.class);
	}

}
