/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-blacklist-entry.h"

G_BEGIN_DECLS

gpointer bbh_blacklist_entry_new_from_json  (JsonObject *row);
gpointer bbh_blacklist_entry_new_from_phone (const char *phone);

G_END_DECLS
