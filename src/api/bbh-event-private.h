/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-event.h"

G_BEGIN_DECLS

/* One element of `msgs[]`; NULL only when @object is NULL. */
BbhEvent    *bbh_event_new_from_json   (JsonObject  *object);
void         bbh_event_set_backlog     (BbhEvent    *self,
                                        gboolean     backlog);

G_END_DECLS
