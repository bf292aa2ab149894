package dev.attest.it.chaos;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code POST /chaos/commit|rollback|refused?id=}: one audited call each (200, or 409 for the rolled-back one);
 * {@code POST /chaos/refuse|accept}: the store refuses or takes {@code chaos.refused} events;
 * {@code GET /chaos/events}: request id, action and outcome of every stored chaos event, one per line.
 */
@WebServlet("/chaos/*")
public class ChaosServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Orders orders;

    @Resource
    transient UserTransaction transaction;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        try {
            switch (request.getPathInfo()) {
                case "/commit" -> orders.place(id);
                case "/refused" -> orders.notify(id);
                case "/rollback" -> {
                    transaction.begin();
                    orders.placeInCallerTransaction(id);
                    transaction.rollback();
                    response.setStatus(409);
                    return;
                }
                case "/refuse" -> orders.refuse(true);
                case "/accept" -> orders.refuse(false);
                default -> {
                    response.setStatus(404);
                    return;
                }
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
        response.setStatus(200);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        for (Object[] row : orders.events()) {
            out.println(row[0] + " " + row[1] + " " + row[2]);
        }
    }
}
