/* integ-util.h — the integration suite's fixture: src/api's BbhClient against a real
 * babaihu-sandbox process
 *
 * The sandbox binary comes from $BABAIHU_SANDBOX (tests/meson.build). Each test gets its own
 * sandbox with a fresh demo database, so tests never see each other's writes. Everything here
 * waits by spinning the default main context with a timeout that fails the test, never a sleep.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "bbh.h"

G_BEGIN_DECLS

/* The demo accounts (DESIGN.md "Demo data"). */
#define INTEG_COMPANY         "100008"
#define INTEG_AGENT           "100008800"
#define INTEG_AGENT_EXTENSION "800"
#define INTEG_AGENT_PASSWORD  "02367073578"
#define INTEG_ADMIN           "100008899"
#define INTEG_ADMIN_PASSWORD  "800ing-admin"

/* How long one request may take before the test fails. */
#define INTEG_TIMEOUT_MS      20000

typedef struct
{
  /* The sandbox */
  GSubprocess  *process;
  char         *scratch_dir;
  char         *url;           /* http://127.0.0.1:PORT, the API */
  char         *control_url;   /* the control API's port (the API port when it has none) */
  SoupSession  *session;       /* for the control API and raw checks */

  /* Logged-in clients of the demo company */
  BbhClient    *agent;
  BbhClient    *admin;

  /* The last async result, see integ_on_result_cb() */
  GAsyncResult *result;
  gboolean      done;
} IntegFixture;

/* g_test_add() set-up and tear-down: a sandbox with the demo tenant and the two clients.
 * Tear-down asserts the clients are finalised and the sandbox exits cleanly. */
void          integ_set_up              (IntegFixture        *f,
                                         gconstpointer        data);
void          integ_tear_down           (IntegFixture        *f,
                                         gconstpointer        data);

/* Drops the last reference to @object and waits (bounded) until it is finalised: requests
 * that were cancelled still hold their client until their callbacks have run. */
void          integ_assert_finalize     (gpointer             object);

/* A client for @account, @password (in clear; the client gets its MD5). */
BbhClient    *integ_client_new          (IntegFixture        *f,
                                         const char          *account,
                                         const char          *password);

/* Pass as the GAsyncReadyCallback with @f as user data, then integ_wait() for the result. */
void          integ_on_result_cb        (GObject             *object,
                                         GAsyncResult        *result,
                                         gpointer             user_data);
/* Spins until the pending call answers; returns its result (owned by @f until the next call). */
GAsyncResult *integ_wait                (IntegFixture        *f);

typedef gboolean (*IntegCondition) (gpointer user_data);

/* Spins the main context until @condition holds or @timeout_ms pass; returns whether it held. */
gboolean      integ_spin_until          (IntegCondition       condition,
                                         gpointer             user_data,
                                         guint                timeout_ms);

/* The control API. POSTs @json (GET when NULL) to @path and returns the answer object,
 * asserting HTTP 200. */
JsonObject   *integ_control             (IntegFixture        *f,
                                         const char          *path,
                                         const char          *json);
/* POST /sandbox/call; returns the cdrId the sandbox promises. */
gint64        integ_script_call         (IntegFixture        *f,
                                         const char          *account,
                                         const char          *phone,
                                         gboolean             outgoing,
                                         guint                ring_ms,
                                         guint                talk_ms,
                                         gboolean             record);
/* POST /sandbox/fault; @mode "none" lifts it. */
void          integ_fault               (IntegFixture        *f,
                                         const char          *mode,
                                         guint                ms);

/* The parameters of the last request for @method in the sandbox's request log (GET
 * /sandbox/requests), or NULL when there was none. */
JsonObject   *integ_last_request        (IntegFixture        *f,
                                         const char          *method);

/* Whether the sandbox implements @method (it answers other names "unknown method"). When it
 * does not, the test is marked skipped with a message naming the method, and FALSE returned. */
gboolean      integ_sandbox_has_method  (IntegFixture        *f,
                                         const char          *method);

/* A mobile number no demo customer has (a counter and the process id make it unique). */
char         *integ_unique_phone        (void);

/* A member of a JSON object as a 64-bit integer (number or numeric string), or @fallback. */
gint64        integ_json_int            (JsonObject          *object,
                                         const char          *name,
                                         gint64               fallback);

/* POST @form (application/x-www-form-urlencoded) to @url; returns the body and sets *@out_status. */
GBytes       *integ_http_post_form      (IntegFixture        *f,
                                         const char          *url,
                                         const char          *form,
                                         guint               *out_status);

/* GET @url with the plain session; returns the body and sets *@out_status. */
GBytes       *integ_http_get            (IntegFixture        *f,
                                         const char          *url,
                                         guint               *out_status);

/* ---- the event stream, recorded ---- */

typedef enum
{
  INTEG_STEP_RING,
  INTEG_STEP_ANSWER,
  INTEG_STEP_HANGUP,
} IntegStep;

typedef struct
{
  BbhEventStream *stream;
  GPtrArray      *events;      /* every BbhEvent emitted, in order */
  GPtrArray      *errors;      /* every GError the stream reported */
  guint           n_disconnects;
} IntegEvents;

/* A BbhEventStream on @client (jitter off, so back-off is predictable), started, and waited
 * for until its first sync is done (so the backlog is behind it). */
IntegEvents  *integ_events_start        (BbhClient           *client);
/* The same with a @transport, a @poll_interval (ms) and a stored @watermark (0: none). */
IntegEvents  *integ_events_start_with   (BbhClient           *client,
                                         BbhEventTransport    transport,
                                         guint                poll_interval,
                                         gint64               watermark);
void          integ_events_free         (IntegEvents         *events);
/* Waits for an event of a call with @phone at @step, and returns it (borrowed). */
BbhEvent     *integ_events_wait         (IntegEvents         *events,
                                         const char          *phone,
                                         IntegStep            step,
                                         guint                timeout_ms);
/* How many events of a call with @phone at @step were emitted. */
guint         integ_events_count        (IntegEvents         *events,
                                         const char          *phone,
                                         IntegStep            step);

/* Waits for a message of @kind (BbhEventKind) about @phone, and returns it (borrowed). */
BbhEvent     *integ_events_wait_kind    (IntegEvents         *events,
                                         const char          *phone,
                                         int                  kind,
                                         guint                timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IntegEvents, integ_events_free)

/* For server state that changes by itself (a callback's progress): asks @probe every
 * @interval_ms (the pace of a UI that watches it) until it says TRUE or @timeout_ms pass. */
typedef gboolean (*IntegProbe) (IntegFixture *f,
                                gpointer      user_data);

gboolean      integ_poll_until          (IntegFixture        *f,
                                         IntegProbe           probe,
                                         gpointer             user_data,
                                         guint                interval_ms,
                                         guint                timeout_ms);

G_END_DECLS
