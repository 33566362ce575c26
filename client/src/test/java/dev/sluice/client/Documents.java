package dev.sluice.client;

/**
 * Status documents as the ingress writes them, for the stub to answer with.
 */
final class Documents {

	static final String ID = "q_01M83TJDR3973957PGTB223RD0";

	static final String PATH = "/v1/queries/" + ID;

	private Documents() {
	}

	static String queued() {
		return """
				{"id":"%s","query":"customer_orders","state":"QUEUED","submittedAt":"2026-11-23T09:07:39.907Z",\
				"expectedStartAt":"2026-11-23T09:07:40.112Z","startedAt":null,"completedAt":null,"cache":null,\
				"result":null,"error":null}""".formatted(ID);
	}

	static String running() {
		return """
				{"id":"%s","query":"customer_orders","state":"RUNNING","submittedAt":"2026-11-23T09:07:39.907Z",\
				"expectedStartAt":null,"startedAt":"2026-11-23T09:07:39.921Z","completedAt":null,"cache":null,\
				"result":null,"error":null}""".formatted(ID);
	}

	/** Three rows of customer_orders, as in the design document. */
	static String succeeded() {
		return """
				{"id":"%s","query":"customer_orders","state":"SUCCEEDED","submittedAt":"2026-11-23T09:07:39.907Z",\
				"expectedStartAt":null,"startedAt":"2026-11-23T09:07:39.921Z","completedAt":"2026-11-23T09:07:39.924Z",\
				"cache":"MISS","result":{"columns":[{"name":"id","type":"int8"},{"name":"total_cents","type":"int8"},\
				{"name":"status","type":"text"},{"name":"created_at","type":"timestamptz"}],\
				"rows":[[9868,39442,"delivered","2025-12-22T08:04:24.311286Z"],[9701,1250,"shipped",\
				"2025-12-20T17:00:00Z"],[9650,null,"canceled","2025-12-19T08:00:00.5Z"]],\
				"rowCount":3,"truncated":false},"error":null}""".formatted(ID);
	}

	static String canceled() {
		return """
				{"id":"%s","query":"customer_orders","state":"CANCELED","submittedAt":"2026-11-23T09:07:39.907Z",\
				"expectedStartAt":null,"startedAt":null,"completedAt":"2026-11-23T09:07:40.000Z","cache":null,\
				"result":null,"error":{"code":"CANCELED","message":"Cancelled on request before it started"}}"""
			.formatted(ID);
	}

	/** One server-sent event as the ingress writes it: event and id are the state. */
	static String event(String document) {
		String state = document.replaceAll(".*\"state\":\"([A-Z]+)\".*", "$1");
		return "event:" + state + "\nid:" + state + "\ndata:" + document + "\n\n";
	}

}
