package dev.attest.it.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/** Opens, invalidates or logs out of a session of the logged-in user; answers with the user's name. */
@WebServlet("/secured/session")
public class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String op = String.valueOf(request.getParameter("op"));
        switch (op) {
            case "create" -> {
                HttpSession session = request.getSession(true);
                if (request.getParameter("ttl") != null) {
                    session.setMaxInactiveInterval(Integer.parseInt(request.getParameter("ttl")));
                }
            }
            case "invalidate" -> request.getSession(true).invalidate();
            case "logout" -> request.logout();
            case "fail" -> throw new IllegalStateException("the work failed at " + request.getRemoteUser());
            default -> {
            }
        }
        response.setContentType("text/plain");
        response.getWriter().print(request.getRemoteUser());
    }
}
