package com.commentshield.classify;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * The comment's author as the comment form collected it.
 *
 * @param name display name
 * @param email e-mail address
 * @param url web site
 */
public record Author(
    @Size(max = 200, message = "must be at most 200 characters") String name,
    @Email(message = "must be an e-mail address")
        @Size(max = 320, message = "must be at most 320 characters")
        String email,
    @Size(max = 2000, message = "must be at most 2000 characters") String url) {}
