package dev.attest.it.contexts;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Calls the asynchronous session bean as the logged-in user and waits for it. */
@WebServlet("/secured/async")
public class AsyncServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient AsyncService async;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            response.getWriter().print(async.work(request.getParameter("entry")).get());
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
