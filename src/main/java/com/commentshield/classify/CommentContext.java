package com.commentshield.classify;

import jakarta.validation.constraints.Size;

/**
 * Where and how a comment was posted.
 *
 * @param site the site or blog the comment was posted to
 * @param permalink the page the comment belongs to
 * @param ip the poster's IP address
 * @param userAgent the poster's browser
 * @param type what kind of text this is
 */
public record CommentContext(
    @Size(max = 200, message = "must be at most 200 characters") String site,
    @Size(max = 2000, message = "must be at most 2000 characters") String permalink,
    @Size(max = 64, message = "must be at most 64 characters") String ip,
    @Size(max = 1000, message = "must be at most 1000 characters") String userAgent,
    CommentType type) {}
