#!/usr/bin/perl
# Drives CommentShield's Akismet door with Debian's libnet-akismet-perl (Net::Akismet 0.05),
# unchanged, through an HTTP proxy setting: the module talks to rest.akismet.com and
# KEY.rest.akismet.com, and the proxy (the service itself) receives absolute-form request lines
# such as "POST http://KEY.rest.akismet.com/1.1/comment-check".
#
# Environment: http_proxy=http://127.0.0.1:PORT and PERL_LWP_ENV_PROXY=1 (so LWP reads it),
# CS_KEY (a 12-character API key), CS_BLOG (the site's URL), CS_RUN (makes the comments unique).
use strict;
use warnings;
use Net::Akismet;

my $key  = $ENV{CS_KEY}  or die "CS_KEY is not set\n";
my $blog = $ENV{CS_BLOG} || 'http://perl.example/';
my $run  = $ENV{CS_RUN}  || time;

# new() verifies the key (verify-key) and returns undef when it is not valid
my $akismet = Net::Akismet->new(KEY => $key, URL => $blog)
    or die "verify-key: invalid\n";
print "verify-key: valid\n";

my %who = (
    USER_IP              => '203.0.113.30',
    COMMENT_USER_AGENT   => 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
    PERMALINK            => "${blog}posts/1",
    COMMENT_TYPE         => 'comment',
    COMMENT_AUTHOR       => 'Perl Reader',
    COMMENT_AUTHOR_EMAIL => 'reader@perl.example',
);
my $ham  = "I disagree with the second point, but the chart on page two is really useful. ($run)";
my $spam = "BUY CHEAP CIALIS and VIAGRA online, best canadian pharmacy, no prescription http://bit.ly/pills ($run)";
my $missed = "Earn 5000 dollars a week from home, message me on whatsapp now ($run)";

my $ham_verdict = $akismet->check(%who, COMMENT_CONTENT => $ham)
    // die "comment-check ham: no answer\n";
print "comment-check ham: $ham_verdict\n";
my $spam_verdict = $akismet->check(%who, COMMENT_CONTENT => $spam)
    // die "comment-check spam: no answer\n";
print "comment-check spam: $spam_verdict\n";

$akismet->spam(%who, COMMENT_CONTENT => $missed) or die "submit-spam: failed\n";
print "submit-spam: $akismet->{response}\n";
# the queued spam comment, reported back as a false positive: it resolves the queued item
$akismet->ham(%who, COMMENT_CONTENT => $spam) or die "submit-ham: failed\n";
print "submit-ham: $akismet->{response}\n";

die "unexpected answers\n" unless $ham_verdict eq 'false' && $spam_verdict eq 'true';
print "akismet-perl: all checks passed\n";
