package dev.attest.it.security;

import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Calls {@link PeekService}; handles the refusal itself unless asked to let it escape. */
@WebServlet("/secured/peek")
public class PeekServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PeekService peek;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            response.getWriter().print(peek.peek());
        } catch (EJBAccessException refused) {
            if (request.getParameter("escape") != null) {
                throw refused;
            }
            response.getWriter().print("refused");
        }
    }
}
