package org.bonexr.separation.vtt;

/** One recorded answer: reader, trial key, truth, answer, response time (ms). */
public final class Response {

	public final String reader;
	public final String key;
	public final boolean generated;
	public final boolean answeredGenerated;
	public final long responseMs;

	public Response(final String reader, final String key,
		final boolean generated, final boolean answeredGenerated,
		final long responseMs)
	{
		this.reader = reader;
		this.key = key;
		this.generated = generated;
		this.answeredGenerated = answeredGenerated;
		this.responseMs = responseMs;
	}

	public boolean correct() {
		return generated == answeredGenerated;
	}
}
