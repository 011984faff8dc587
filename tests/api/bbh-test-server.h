/* bbh-test-server.h — a real SoupServer on 127.0.0.1:0 that serves scripted answers
 *
 * Tests queue answers per method (or for any method) and read back every request the
 * client sent, with its parameters decoded, to check method, parameters and encoding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bbh-client.h"

G_BEGIN_DECLS

typedef struct _BbhTestServer BbhTestServer;

/* One part of a multipart/form-data body. */
typedef struct
{
  char       *name;          /* from Content-Disposition */
  char       *filename;      /* NULL for a plain field */
  char       *content_type;  /* the part's full Content-Type header, or NULL */
  GBytes     *data;
} BbhTestPart;

typedef struct
{
  char       *http_method;   /* "GET" or "POST" */
  char       *path;
  char       *query;         /* raw, as sent */
  GHashTable *params;        /* decoded name → value, from the query or the form body; for a
                              * multipart body also every part without a filename */
  char       *content_type;
  GPtrArray  *parts;         /* of BbhTestPart, in order; empty unless the body is multipart */
  GHashTable *checked;       /* the names a test read with bbh_test_param() or
                              * bbh_test_request_get_part(); for tests/api/method-coverage */
} BbhTestRequest;

/* The first part named @name, or NULL. */
BbhTestPart     *bbh_test_request_get_part      (BbhTestRequest *request,
                                                 const char     *name);

BbhTestServer   *bbh_test_server_new            (void);
void             bbh_test_server_free           (BbhTestServer *server);
char            *bbh_test_server_dup_url        (BbhTestServer *server);
/* Queue an answer for @method (NULL: any method). Answers are used once, in order; with none
 * queued the server answers {"code":0}. */
void             bbh_test_server_queue          (BbhTestServer *server,
                                                 const char    *method,
                                                 guint          status,
                                                 const char    *content_type,
                                                 const char    *body);
void             bbh_test_server_queue_json     (BbhTestServer *server,
                                                 const char    *method,
                                                 const char    *json);
/* Hold the next answer for @method for @delay_ms before sending it. */
void             bbh_test_server_queue_delayed  (BbhTestServer *server,
                                                 const char    *method,
                                                 guint          delay_ms,
                                                 const char    *json);
/* Serve a raw file at @path (for recording downloads). */
void             bbh_test_server_add_file       (BbhTestServer *server,
                                                 const char    *path,
                                                 const char    *content_type,
                                                 GBytes        *data);
guint            bbh_test_server_get_n_requests (BbhTestServer *server);
BbhTestRequest  *bbh_test_server_get_request    (BbhTestServer *server,
                                                 guint          index);
BbhTestRequest  *bbh_test_server_get_last       (BbhTestServer *server);
guint            bbh_test_server_count_method   (BbhTestServer *server,
                                                 const char    *method);
/* Spin the default main context until @done is TRUE, or fail the test after @timeout_ms. */
void             bbh_test_wait_for              (gboolean      *done,
                                                 guint          timeout_ms);

/* The fixture every api test shares: a server, a client logged in against it, and the
 * result of the last asynchronous call. */
typedef struct
{
  BbhTestServer *server;
  BbhClient     *client;
  GAsyncResult  *result;
  gboolean       done;
} BbhTestFixture;

/* Set up with the seed's agent 100008800 / 02367073578. */
void             bbh_test_fixture_set_up        (BbhTestFixture *f,
                                                 gconstpointer   data);
/* Set up with the administrator 100008899 / 800ing-admin. */
void             bbh_test_fixture_set_up_admin  (BbhTestFixture *f,
                                                 gconstpointer   data);
void             bbh_test_fixture_tear_down     (BbhTestFixture *f,
                                                 gconstpointer   data);
/* Forget the last result before the next call; returns @f. */
BbhTestFixture  *bbh_test_fixture_reset         (BbhTestFixture *f);
/* The GAsyncReadyCallback for calls, user_data the fixture: keeps the result (and asserts
 * there was none yet). */
void             bbh_test_on_result             (GObject        *object,
                                                 GAsyncResult   *result,
                                                 gpointer        user_data);
/* Spin until the call answered, or fail the test after 20 s. */
void             bbh_test_fixture_wait_result   (BbhTestFixture *f);
/* A decoded request parameter, or NULL. With BBH_TEST_AUDIT=FILE in the environment every
 * request is written to FILE when its server is freed, with the names a test read through
 * this (tests/api/method-coverage reads it). */
const char      *bbh_test_param                 (BbhTestRequest *request,
                                                 const char     *name);
/* The request carries exactly the administrator's (100008899) authentication, the method and
 * the NULL-terminated name/value pairs after it — nothing else. */
void             bbh_test_assert_admin_params   (BbhTestRequest *request,
                                                 const char     *method,
                                                 ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbhTestServer, bbh_test_server_free)

G_END_DECLS
