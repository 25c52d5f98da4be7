package org.bonexr.core;

/**
 * The one error type BoneXR shows to its users.
 * <p>
 * Its message always says two things: what is wrong, and what the user can do
 * about it. Every front door shows the message as its users expect: a dialog
 * in Fiji, a macro error in ImageJ macros, exit code 2 with the message on
 * standard error in the command line.
 */
public class BoneXRException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String problem;
	private final String fix;

	/**
	 * @param problem what is wrong, as one sentence the user understands
	 * @param fix what the user can do about it
	 */
	public BoneXRException(final String problem, final String fix) {
		this(problem, fix, null);
	}

	public BoneXRException(final String problem, final String fix,
		final Throwable cause)
	{
		super(problem + " " + fix, cause);
		this.problem = problem;
		this.fix = fix;
	}

	/** What is wrong. */
	public String problem() {
		return problem;
	}

	/** What the user can do about it. */
	public String fix() {
		return fix;
	}
}
