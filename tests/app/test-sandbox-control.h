/* test-sandbox-control.h — a real babaihu-sandbox for one test, and its control API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bbh.h"

G_BEGIN_DECLS

typedef struct _TestSandbox TestSandbox;

/* Starts $BABAIHU_SANDBOX --demo on a free port; fails the test when it does not come up. */
TestSandbox *test_sandbox_new           (void);
void         test_sandbox_free          (TestSandbox *sandbox);
const char  *test_sandbox_get_url       (TestSandbox *sandbox);
/* POST /sandbox/fault {"mode", "ms"}; mode "none" ends a fault. */
void         test_sandbox_fault         (TestSandbox *sandbox,
                                         const char  *mode,
                                         guint        ms);
/* POST /sandbox/call; returns the call's cdrId. */
gint64       test_sandbox_call          (TestSandbox *sandbox,
                                         const char  *extension,
                                         const char  *phone,
                                         const char  *direction,
                                         guint        ring_ms,
                                         guint        talk_ms,
                                         gboolean     record);
/* GET /sandbox/requests: the requests served so far (a JSON array). */
JsonNode    *test_sandbox_dup_requests  (TestSandbox *sandbox);
guint        test_sandbox_count_method  (TestSandbox *sandbox,
                                         const char  *method);
/* Synchronous helpers over BbhClient that spin the default main context. */
GListModel  *test_sandbox_get_memos     (TestSandbox *sandbox,
                                         BbhClient   *client,
                                         const char  *phone);
void         test_sandbox_add_memo      (TestSandbox *sandbox,
                                         BbhClient   *client,
                                         const char  *phone,
                                         const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestSandbox, test_sandbox_free)

G_END_DECLS
