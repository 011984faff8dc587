/* reliab-util.h — what the reliability suite measures: main-loop stalls, error texts a person
 * can read, a TLS server nobody should trust, and the sandbox's server-side truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "bbh.h"
#include "integ-util.h"

G_BEGIN_DECLS

/* The longest the main loop may go without running a 10 ms timeout. AddressSanitizer makes
 * every allocation several times slower (make check-sanitize): there the bar is 250 ms. */
#if defined(__SANITIZE_ADDRESS__)
#define RELIAB_MAX_STALL_MS     250
#else
#define RELIAB_MAX_STALL_MS     100
#endif
/* A new HTTPS connection: glib-networking 2.74 builds each client connection's trust list
 * from the system CA list on the thread that makes it (libsoup: the main loop), 7–9 ms per new
 * connection here; AddressSanitizer's slow unwinder (make check-sanitize) makes that 400 ms.
 * Third-party and once per connection (libsoup keeps them), so only there the bar is higher. */
#if defined(__SANITIZE_ADDRESS__)
#define RELIAB_MAX_TLS_STALL_MS 700
#else
#define RELIAB_MAX_TLS_STALL_MS RELIAB_MAX_STALL_MS
#endif
/* How soon after the server is back everything must work again. */
#define RELIAB_RECOVERY_MS      2000

/* ---- main-loop stalls ---- */

typedef struct _ReliabStallProbe ReliabStallProbe;

/* A 10 ms repeating timeout on the default main context that records the longest gap
 * between two of its runs, less the time the main thread spent waiting for a CPU that other
 * processes held (a loaded machine is not a stalled application). */
ReliabStallProbe *reliab_stall_probe_new        (void);
void              reliab_stall_probe_reset      (ReliabStallProbe *probe);
double            reliab_stall_probe_max_ms     (ReliabStallProbe *probe);
guint             reliab_stall_probe_ticks      (ReliabStallProbe *probe);
void              reliab_stall_probe_free       (ReliabStallProbe *probe);
/* Fails the test when the longest gap since the last reset exceeds RELIAB_MAX_STALL_MS. */
void              reliab_stall_probe_check      (ReliabStallProbe *probe,
                                                 const char       *what);
/* The same with a bar of @limit_ms. */
void              reliab_stall_probe_check_limit (ReliabStallProbe *probe,
                                                  const char       *what,
                                                  int               limit_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReliabStallProbe, reliab_stall_probe_free)

/* ---- words ---- */

/* Whether @text tells a person something: a sentence of words, not a bare number, not an
 * error code, not a raw HTML page or a GLib error name. */
gboolean          reliab_is_words               (const char       *text);
#define reliab_assert_words(what, text) \
  G_STMT_START { \
    const char *_t = (text); \
    if (!reliab_is_words (_t)) \
      g_error ("%s: \"%s\" does not tell the user in words", (what), _t ? _t : "(null)"); \
  } G_STMT_END

/* ---- waiting ---- */

/* Spins until @condition, failing the test after @timeout_ms; returns the ms it took. */
double            reliab_wait                   (IntegCondition    condition,
                                                 gpointer          user_data,
                                                 guint             timeout_ms,
                                                 const char       *what);
/* Spins the main context for @ms (to let time pass while measuring, never to synchronise). */
void              reliab_spin_for               (guint             ms);
double            reliab_now_ms                 (void);

/* ---- a TLS server with a certificate nobody trusts ---- */

/* A self-signed certificate for 127.0.0.1 made with `openssl req` in @dir, or NULL (and the
 * reason in @error) when openssl is not installed. */
GTlsCertificate  *reliab_self_signed_certificate (const char      *dir,
                                                  GError         **error);
/* An HTTPS SoupServer on 127.0.0.1:0 with @certificate that answers every request with a
 * successful getExtension and counts what reached it (TLS must stop requests before that). */
SoupServer       *reliab_tls_server_new         (GTlsCertificate  *certificate,
                                                 char            **out_url,
                                                 guint            *out_requests);

/* ---- the sandbox ---- */

/* integ_set_up() with a sandbox that holds long polls for @hold_ms, as a real server does
 * (the integration fixture's sandbox answers them after 1 s); integ_tear_down() ends it. */
void              reliab_set_up_holding         (IntegFixture     *f,
                                                 guint             hold_ms);

/* Waits until the sandbox's API port refuses connections (the "down" fault closes it a few
 * milliseconds after it was asked to). */
void              reliab_wait_api_down          (IntegFixture     *f);

/* ---- a notification server ---- */

/* Owns org.gtk.Notifications on the session bus (where GApplication sends notifications when
 * it is there) and keeps each notification's title and body ("title\nbody"), so that tests of
 * the whole application neither warn about a missing notification daemon nor lose what it
 * said. */
GPtrArray        *reliab_notifications_start    (void);

/* ---- the server-side truth ---- */

/* getMemos for @phone through a fresh admin client: the memo texts, oldest first. */
GPtrArray        *reliab_server_memos           (IntegFixture     *f,
                                                 const char       *phone);
/* How many callbacks to @dest_phone the server holds (getCallbackList). */
guint             reliab_server_callbacks_to    (IntegFixture     *f,
                                                 const char       *dest_phone);

G_END_DECLS
