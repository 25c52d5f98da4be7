package org.bonexr.kernels;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.scijava.log.LogLevel;
import org.scijava.log.LogMessage;
import org.scijava.log.Logger;
import org.scijava.log.StderrLogService;

/** A logger that also records its messages, for tests. */
final class LogCapture {

	final Logger logger = new StderrLogService();
	final List<LogMessage> messages = new CopyOnWriteArrayList<>();

	LogCapture() {
		logger.addLogListener(messages::add);
	}

	/** @return the one message logged so far (fails otherwise) */
	LogMessage single() {
		if (messages.size() != 1) throw new AssertionError("expected exactly one log message, got " + messages);
		return messages.get(0);
	}

	static String level(final LogMessage m) {
		return LogLevel.prefix(m.level());
	}
}
