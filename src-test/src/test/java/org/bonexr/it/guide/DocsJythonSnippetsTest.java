package org.bonexr.it.guide;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.script.Compilable;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

import org.junit.jupiter.api.Test;

/**
 * Every {@code ```python} block of the user guide (docs/*.md,
 * docs/commands/*.md) is valid Jython, and the classes it imports exist
 * under those names: a renamed class or package fails here instead of in a
 * user's script. (What the scripts compute is tested by the Jython
 * front-door tests.)
 */
class DocsJythonSnippetsTest {

	private static final Path DOCS = Paths.get("..", "docs").toAbsolutePath()
		.normalize();
	private static final Pattern PYTHON = Pattern.compile(
		"```python\\n(.*?)```", Pattern.DOTALL);

	@Test
	void everySnippetCompilesAndItsImportsResolve() throws IOException {
		final List<String> problems = new ArrayList<>();
		int snippets = 0;
		final ScriptEngine jython = new ScriptEngineManager().getEngineByName(
			"python");
		for (final Path page : pages()) {
			final Matcher m = PYTHON.matcher(new String(Files.readAllBytes(page),
				StandardCharsets.UTF_8));
			while (m.find()) {
				snippets++;
				final String code = m.group(1);
				final String where = DOCS.relativize(page) + " snippet at offset " + m
					.start();
				try {
					((Compilable) jython).compile(code);
					for (final String line : code.split("\n")) {
						if (line.startsWith("from ") || line.startsWith("import ")) jython
							.eval(line);
					}
				}
				catch (final ScriptException e) {
					problems.add(where + ": " + e.getMessage());
				}
			}
		}
		assertFalse(snippets < 10, "only " + snippets + " python snippets found");
		if (!problems.isEmpty()) fail(String.join("\n", problems));
	}

	private static List<Path> pages() throws IOException {
		try (Stream<Path> top = Files.list(DOCS); Stream<Path> commands = Files
			.list(DOCS.resolve("commands")))
		{
			return Stream.concat(top, commands).filter(p -> p.toString().endsWith(
				".md")).sorted().collect(Collectors.toList());
		}
	}
}
