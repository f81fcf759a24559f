package com.commentshield.comment;

/**
 * Where and how a comment was posted; any field may be null.
 *
 * @param site the site or blog the comment was posted to
 * @param permalink the page the comment belongs to
 * @param ip the poster's IP address
 * @param userAgent the poster's browser
 * @param type what kind of text this is
 */
public record CommentContext(
    String site, String permalink, String ip, String userAgent, CommentType type) {}
