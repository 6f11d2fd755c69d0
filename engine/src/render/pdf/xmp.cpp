#include "xmp.hpp"

#include <fmt/format.h>

#include "../xbrl/xml_writer.hpp"

namespace griexport::pdf {

namespace {

std::string xmp_date(const DocumentInfo& i) {
    return fmt::format("{:04}-{:02}-{:02}T00:00:00Z", i.year, i.month, i.day);
}

}  // namespace

std::string xmp_packet(const DocumentInfo& i) {
    using xbrl::escape_text;
    auto alt = [&](const std::vector<std::pair<std::string, std::string>>& items) {
        std::string s = "<rdf:Alt>";
        for (std::size_t k = 0; k < items.size(); ++k) {
            if (k == 0)
                s += "<rdf:li xml:lang=\"x-default\">" + escape_text(items[k].second) + "</rdf:li>";
            s += "<rdf:li xml:lang=\"" + xbrl::escape_attribute(items[k].first) + "\">" +
                 escape_text(items[k].second) + "</rdf:li>";
        }
        return s + "</rdf:Alt>";
    };
    std::string date = xmp_date(i);
    std::string x = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
    x += "<dc:format>application/pdf</dc:format>\n";
    x += "<dc:title>" + alt(i.titles) + "</dc:title>\n";
    x += "<dc:description>" + alt(i.descriptions) + "</dc:description>\n";
    x += "<dc:creator><rdf:Seq><rdf:li>" + escape_text(i.author) +
         "</rdf:li></rdf:Seq></dc:creator>\n";
    x += "<dc:language><rdf:Bag><rdf:li>" + escape_text(i.lang) +
         "</rdf:li></rdf:Bag></dc:language>\n";
    x += "</rdf:Description>\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
    x += "<xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
    x += "<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
    x += "<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n";
    x += "<xmp:CreatorTool>" + escape_text(i.creator_tool) + "</xmp:CreatorTool>\n";
    x += "</rdf:Description>\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    x += "<pdf:Producer>" + escape_text(i.producer) + "</pdf:Producer>\n";
    x += "<pdf:Keywords>" + escape_text(i.keywords) + "</pdf:Keywords>\n";
    x += "</rdf:Description>\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n";
    x += "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n";
    x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    return x;
}

}  // namespace griexport::pdf
