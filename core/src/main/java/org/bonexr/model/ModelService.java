package org.bonexr.model;

import java.nio.file.Path;
import java.util.List;

import org.scijava.service.SciJavaService;

/**
 * Holds loaded bioimage.io models so that commands do not pay the loading
 * cost (native engine start, weights) on every call.
 * <p>
 * A model is cached by its absolute path and reloaded when its files change
 * (size or modification time differ); the cache entry records the weights'
 * sha256. Models handed out belong to the service: callers must not close
 * them, and call {@link #release} (or {@link #releaseAll}) to free memory
 * when no command uses them any more. The service closes every model when
 * its context is disposed.
 */
public interface ModelService extends SciJavaService {

	/** The model at this folder or zip, loaded on first request. */
	BioImageModel get(Path folderOrZip);

	/** Closes and forgets the model at this path, if loaded; true if one was. */
	boolean release(Path folderOrZip);

	/** Closes and forgets every loaded model. */
	void releaseAll();

	/** Paths of the models now loaded. */
	List<Path> loaded();
}
