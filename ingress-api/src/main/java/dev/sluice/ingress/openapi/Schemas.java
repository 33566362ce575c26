package dev.sluice.ingress.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * JSON Schema 2020-12 building blocks, as OpenAPI 3.1 writes them: a nullable value is
 * {@code "type": ["string", "null"]}, a nullable reference {@code anyOf} it and
 * {@code null}.
 */
final class Schemas {

	private static final String COMPONENTS = "#/components/schemas/";

	private Schemas() {
	}

	static Schema<Object> of(String... types) {
		Schema<Object> schema = new JsonSchema();
		schema.types(new LinkedHashSet<>(Arrays.asList(types)));
		return schema;
	}

	/** A schema that any JSON value meets. */
	static Schema<Object> any(String description) {
		return new JsonSchema().description(description);
	}

	static Schema<Object> string(String description) {
		return of("string").description(description);
	}

	static Schema<Object> integer(String description) {
		return of("integer").description(description);
	}

	static Schema<Object> ref(String name) {
		Schema<Object> schema = new JsonSchema();
		schema.set$ref(COMPONENTS + name);
		return schema;
	}

	static Schema<Object> nullable(Schema<Object> schema, String description) {
		Schema<Object> nullable = new JsonSchema();
		nullable.anyOf(List.of(schema, of("null")));
		return nullable.description(description);
	}

	static Schema<Object> arrayOf(Schema<Object> items, String description) {
		Schema<Object> array = of("array").description(description);
		array.items(items);
		return array;
	}

	static Schema<Object> enumOf(String description, String... values) {
		Schema<Object> schema = of("string").description(description);
		schema._enum(new ArrayList<>(Arrays.asList(values)));
		return schema;
	}

	/**
	 * An object; properties alternate name and schema, in the order the document writes
	 * them.
	 * @param required the properties always present
	 * @param properties name, schema, name, schema, ...
	 * @return the schema, open to properties added later
	 */
	static Schema<Object> object(String description, List<String> required, Object... properties) {
		Map<String, Schema> byName = new LinkedHashMap<>();
		for (int i = 0; i < properties.length; i += 2) {
			byName.put((String) properties[i], (Schema<?>) properties[i + 1]);
		}
		Schema<Object> object = of("object").description(description);
		object.properties(byName);
		if (!required.isEmpty()) {
			object.required(new ArrayList<>(required));
		}
		return object;
	}

}
