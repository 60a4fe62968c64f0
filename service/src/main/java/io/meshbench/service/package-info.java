/** {@code meshbench serve}: the mesh over HTTP (dashboard, JSON API, event stream, OpenAI API, metrics). */
package io.meshbench.service;
