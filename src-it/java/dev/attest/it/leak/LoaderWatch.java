package dev.attest.it.leak;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * In a second application: whether the class loader of the undeployed one has been collected, collecting
 * garbage for up to 30 seconds. Answers {@code collected}, {@code alive} or {@code missing}.
 */
@WebServlet("/loader-watch")
public class LoaderWatch extends HttpServlet {

    /** The system property an exercised application puts a weak reference to its class loader in. */
    public static final String LOADER = "attest.it.exercised-loader";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object held = System.getProperties().get(LOADER);
        if (!(held instanceof Reference<?> loader)) {
            response.getWriter().print("missing");
            return;
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (loader.get() != null && System.nanoTime() < deadline) {
            List<byte[]> pressure = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                pressure.add(new byte[1 << 20]);
            }
            pressure.clear();
            System.gc();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean collected = loader.get() == null;
        if (collected) {
            System.getProperties().remove(LOADER);
        }
        response.getWriter().print(collected ? "collected" : "alive");
    }
}
