package io.meshbench.app.playback;

/**
 * The speed the command line asks for (`--speed`), as the command line has always named it; the
 * windows use {@link io.meshbench.app.views.Speed}, which this wraps. It stays here so that the
 * command line's calls keep their names.
 *
 * @param factor virtual nanoseconds per wall nanosecond; infinite for as fast as possible
 */
public record Speed(double factor) {

    public static final Speed REAL_TIME = new Speed(1);
    public static final Speed AS_FAST_AS_POSSIBLE = new Speed(Double.POSITIVE_INFINITY);

    public Speed {
        new io.meshbench.app.views.Speed(factor); // the same checks
    }

    /** {@code 0.1} to {@code 1000} (a trailing {@code x} is allowed), or {@code max} for as fast as possible. */
    public static Speed parse(String text) {
        return new Speed(io.meshbench.app.views.Speed.parse(text).factor());
    }

    /** The windows' speed. */
    public io.meshbench.app.views.Speed toViews() {
        return new io.meshbench.app.views.Speed(factor);
    }

    @Override
    public String toString() {
        return toViews().toString();
    }
}
